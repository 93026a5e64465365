/**
 * The sturdyref lookups behind an app's `AppContext.lookup` / `looked`, shared by the worker host
 * and `serve`'s harness objects: a lookup in flight or done is shared by every caller; a failed
 * one is not kept, so a later call fetches again (after a heal or a restart); a fulfilled one can
 * be read synchronously. `forget*` make the next lookup fetch afresh (the session ended, or the
 * reference was released).
 */
export class LookupCache {
  private readonly lookups = new Map<string, Promise<object>>();
  private readonly resolved = new Map<string, object>();

  constructor(private readonly fetch: (node: string, swiss: string) => Promise<object>) {}

  lookup(node: string, swiss: string): Promise<object> {
    const key = keyOf(node, swiss);
    let found = this.lookups.get(key);
    if (!found) {
      found = this.fetch(node, swiss);
      found.then(
        (value) => this.resolved.set(key, value),
        () => this.lookups.delete(key),
      );
      this.lookups.set(key, found);
    }
    return found;
  }

  /** What an earlier lookup of the pair fulfilled to, if it has. */
  looked(node: string, swiss: string): object | undefined {
    return this.resolved.get(keyOf(node, swiss));
  }

  /** Every lookup of objects at `node`. */
  forgetNode(node: string): void {
    for (const key of [...this.lookups.keys()]) if (key.startsWith(`${node}/`)) this.forget(key);
  }

  /** Every lookup that fulfilled to `value`. */
  forgetValue(value: unknown): void {
    for (const [key, held] of [...this.resolved]) if (held === value) this.forget(key);
  }

  private forget(key: string): void {
    this.lookups.delete(key);
    this.resolved.delete(key);
  }
}

function keyOf(node: string, swiss: string): string {
  return `${node}/${swiss}`;
}
