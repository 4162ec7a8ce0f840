/**
 * Child process: dockerfile-utils `validate` over every corpus Dockerfile (the validator behind the
 * Dockerfile language servers of Docker's and Microsoft's extensions).
 */
import { validate } from 'dockerfile-utils';
import { corpus } from './inputs';
import { time } from './timing';

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const docs = corpus('dockerfile');
process.stdout.write(JSON.stringify(time(() => docs.forEach((d) => validate(d.text)), rounds)) + '\n');
