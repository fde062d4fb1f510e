declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
declare module 'jieba-wasm-binary' {
  const bytes: Uint8Array;
  export default bytes;
}
