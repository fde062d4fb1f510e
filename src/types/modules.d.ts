declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
declare module 'jieba-wasm-binary' {
  /** The bytes of jieba-wasm's .wasm (dist/jieba.wasm, read from disk on call). */
  const load: () => Uint8Array;
  export default load;
}
