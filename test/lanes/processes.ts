import { runLane } from './files.ts';

runLane('processes');
