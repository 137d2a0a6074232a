// The app of cdktf.json: every example, each as its own stack(s).
import { EXAMPLES } from './index';
import { runExamples } from './run';

runExamples(EXAMPLES);
