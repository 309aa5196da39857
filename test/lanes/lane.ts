import { runLane } from './files.ts';

// One lane: `npm test` starts several, sharing one queue of files; run alone, it runs every file in turn.
runLane();
