/** A progress bar on one line of a terminal, or a line per tenth when the output is not a terminal. */
export interface Progress {
  tick(n: number): void;
  done(): void;
}

const WIDTH = 30;

export function progressBar(label: string, total: number, write: (text: string) => void, tty: boolean): Progress {
  let count = 0;
  let shownTenth = -1;
  const started = performance.now();
  const line = () => {
    const share = total === 0 ? 1 : count / total;
    const filled = Math.round(share * WIDTH);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? ` ${Math.round(count / seconds)}/s` : '';
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${count}/${total}${rate}`;
  };
  return {
    tick(n) {
      count += n;
      if (tty) {
        write(`\r${line()}`);
        return;
      }
      const tenth = Math.floor((count / Math.max(total, 1)) * 10);
      if (tenth > shownTenth) {
        shownTenth = tenth;
        write(`${line()}\n`);
      }
    },
    done() {
      if (tty) write(`\r${line()}\n`);
    },
  };
}

/** No progress shown (tests, benchmarks). */
export const silent: Progress = { tick() {}, done() {} };
