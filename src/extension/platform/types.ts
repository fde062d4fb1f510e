/**
 * What differs between the extension's two hosts: Node.js (desktop VS Code, remote
 * and code-server's extension host) and a browser's web worker (VS Code for the web).
 * Both run the same bundle, dist/extension.js: esbuild.js builds it for the browser,
 * so no Node built-in can slip in (the build fails on one), and ./index.ts picks the
 * implementation at run time. The core's `jieba-wasm-binary` (the CLI's fallback that
 * reads jieba's .wasm from disk) is a stub that throws there: the extension always
 * hands the bytes over itself, read through `vscode.workspace.fs`. Neither
 * implementation may use at the top level anything the other host lacks.
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
