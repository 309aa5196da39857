import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a byte stream (LF or CRLF, UTF-8), the lines of each chunk together, read as they are
 * consumed: the stream is pulled a chunk at a time, so a slow consumer leaves the rest in the socket
 * instead of in memory (readline reads ahead and queues every line it has). A line longer than
 * `maxChars` is cut at that length and its rest dropped: it is refused by what reads it, and never held
 * whole.
 */
export async function* linesOf(stream: AsyncIterable<Buffer | string>, maxChars: number): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let dropping = false;
  for await (const chunk of stream) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const lines: string[] = [];
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      if (!dropping) lines.push(text.slice(start, end));
      dropping = false;
      start = newline + 1;
    }
    rest = text.slice(start);
    if (rest.length > maxChars) {
      // Longer than any line may be: keep a line's worth (so that it is seen too long), drop the rest as it comes.
      if (!dropping) lines.push(rest.slice(0, maxChars + 1));
      dropping = true;
      rest = '';
    }
    if (lines.length > 0) yield lines;
  }
  rest += decoder.end();
  if (rest !== '' && !dropping) yield [rest];
}
