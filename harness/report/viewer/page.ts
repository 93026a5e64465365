/**
 * A replay viewer as one static, self-contained HTML file: the viewer script (built by
 * `npm run build:viewer` into dist/viewer/viewer.js) and the case's data inlined, so the file
 * opens from disk, from an evidence folder or from the matrix without a server.
 * Spec anchor: README.md "The replay viewer".
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ViewerData } from './model.js';

export const VIEWER_BUNDLE = fileURLToPath(new URL('../../../dist/viewer/viewer.js', import.meta.url));
export const VIEWER_FILE = 'viewer.html';

/** The built viewer script, or undefined when it has not been built. */
export function readViewerBundle(path: string = VIEWER_BUNDLE): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

// Inside <script>, only `</script` (and `<!--`) could end the element early: escaping every `<`
// keeps JSON and the script inert text whatever the transcript carries.
const inertJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
const inertScript = (js: string): string => js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

export function renderViewerHtml(data: ViewerData, bundle: string): string {
  const h = data.transcript.header;
  const title = `viewer: ${h.scenarioId} [${h.driver}] seed ${h.seed}`.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head>
<body><p>loading the replay viewer…</p>
<script id="ocapn-viewer-data" type="application/json">${inertJson(data)}</script>
<script>${inertScript(bundle)}</script>
</body></html>
`;
}
