/** Reading a request body whole, up to a limit, from a Fetch stream or a Node request alike. */

export type CollectedBody = { bytes: Uint8Array<ArrayBuffer> } | { tooLarge: true };

/** Concatenates `chunks` (bytes or strings), stopping as soon as they exceed `maxBytes`. */
export async function collectBody(chunks: AsyncIterable<unknown>, maxBytes: number): Promise<CollectedBody> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const part = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    size += part.byteLength;
    if (size > maxBytes) return { tooLarge: true };
    parts.push(part);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { bytes };
}

/** A Fetch body as an async iterable, through a reader (not every runtime's streams are iterable). */
export async function* streamChunks(stream: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // Stopped early (body too large): tell the sender we will not read the rest.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
