declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
declare module '*.wasm' {
  const bytes: Uint8Array;
  export default bytes;
}
