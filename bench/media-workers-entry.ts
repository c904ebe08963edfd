// The Worker bench/media-workers.ts runs in workerd: POST a picture, get back the sizes the WebAssembly path
// made (no pixel limit here: local workerd does not enforce the platform's 128 MB, and the point is the time).
import { workerCodecModules } from '../src/pictures/codec-modules-worker';
import { createWasmPictureMaker } from '../src/pictures/make-picture-wasm';
import { createWasmCodecs } from '../src/pictures/wasm-codecs';

const maker = createWasmPictureMaker(createWasmCodecs(workerCodecModules), { maxPixels: 40_000_000 });

export default {
  async fetch(request: Request): Promise<Response> {
    const made = await maker.make(new Uint8Array(await request.arrayBuffer()));
    if ('error' in made) return new Response(made.error, { status: 422 });
    return Response.json(made.files.map((f) => ({ name: f.name, bytes: f.bytes.length })));
  },
};
