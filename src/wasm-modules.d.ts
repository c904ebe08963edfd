// A .wasm file imported in the Worker's code is a compiled module (wrangler's and workerd's CompiledWasm rule).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
