import { runLane } from './files.ts';

runLane('heavy');
