import { runLane } from './files.ts';

runLane('main');
