#!/usr/bin/env node
// Entry of the `ocapn-conformance` command. The harness is TypeScript and Node 20 cannot run it
// directly, so tsx's loader is registered before the TypeScript CLI is imported.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
