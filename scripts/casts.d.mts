export interface Cast {
  readonly line: number;
  readonly text: string;
}
export function castsInSource(fileName: string, text: string): Cast[];
export function castsUnder(folders: readonly string[]): Map<string, Cast[]>;
