declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
declare module 'jieba-wasm-binary' {
  /** The bytes of jieba-wasm's .wasm, decoded on first call. */
  const load: () => Uint8Array;
  export default load;
}
