/**
 * What differs between the extension's two hosts: Node.js (desktop VS Code, remote
 * and code-server's extension host; dist/extension.js) and a browser's web worker
 * (VS Code for the web; dist/web/extension.js). The rest of the extension and the
 * whole core are the same code in both.
 *
 * Sources import `./platform/node`; esbuild.js's browser build resolves that import to
 * `./platform/browser` instead (and the core's `jieba-wasm-binary`, the Node-only
 * fallback that reads jieba's .wasm from disk, to a stub that throws: the extension
 * always hands the bytes over itself, read through `vscode.workspace.fs`). Neither
 * module may import anything of Node's or the browser's at the top level that the other
 * host lacks.
 */
export interface Platform {
  /** `node`: a Node.js extension host; `web`: a browser's web worker extension host. */
  readonly kind: 'node' | 'web';
  /**
   * Resolves on a later turn of the event loop, after what is already queued (messages
   * from the workbench among them): long work yields with it so the host stays
   * responsive.
   */
  nextTurn(): Promise<void>;
}
