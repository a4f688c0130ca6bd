// libsodium-sumo (libsodium's WebAssembly build, raw Emscripten module) ships no types; ristretto.ts narrows what it uses.
declare module 'libsodium-sumo' {
  const load: () => Promise<unknown>;
  export default load;
}
