import rule from '../../server/src/rules/no-build-privileges';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'the sandbox and the default network', code: 'FROM debian:12\nRUN --security=sandbox --network=default make\n' },
    { name: 'no network at all', code: 'FROM debian:12\nRUN --network=none make test\n' },
    { name: 'host and insecure as words of the command, not flags', code: 'FROM debian:12\nRUN echo --network=host --security=insecure\n' },
    { name: 'an ARG without a value is not guessed', code: 'FROM debian:12\nARG NET\nRUN --network=$NET make\n' },
    { name: 'other instructions', code: 'FROM --platform=linux/amd64 debian:12\nCOPY --link . /src\n' },
  ],
  invalid: [
    {
      name: 'both flags on one RUN, each underlined and removed',
      code: 'FROM debian:12\nRUN --security=insecure --network=host make install\n',
      errors: [
        { messageId: 'insecure', at: '2:5-2:24', message: '"--security=insecure" runs this build step without the sandbox, like a privileged container; remove it' },
        { messageId: 'hostNetwork', at: '2:25-2:39', message: '"--network=host" gives this build step the network of the build host; remove it and use the default network' },
      ],
      output: 'FROM debian:12\nRUN make install\n',
    },
    {
      name: 'lowercase keyword, upper-case value, next to a mount',
      code: 'FROM debian:12\nrun --mount=type=cache,target=/root/.cache --network=HOST pip install -r req.txt\n',
      errors: [{ messageId: 'hostNetwork', at: '2:44-2:58' }],
      output: 'FROM debian:12\nrun --mount=type=cache,target=/root/.cache pip install -r req.txt\n',
    },
    {
      name: 'a flag alone on a continuation line goes with its line; CRLF kept',
      code: 'FROM debian:12\r\nRUN --mount=type=bind,target=/src \\\r\n    --security=insecure \\\r\n    make -C /src\r\n',
      errors: [{ messageId: 'insecure', at: '3:5-3:24' }],
      output: 'FROM debian:12\r\nRUN --mount=type=bind,target=/src \\\r\n    make -C /src\r\n',
    },
    {
      name: 'value from an ARG default, exec form, ONBUILD',
      code: 'FROM debian:12\nARG NET=host\nRUN --network=$NET ["make"]\nONBUILD RUN --security=insecure make\n',
      errors: [
        { messageId: 'hostNetwork', at: '3:5-3:19' },
        { messageId: 'insecure', at: '4:13-4:32' },
      ],
      output: 'FROM debian:12\nARG NET=host\nRUN ["make"]\nONBUILD RUN make\n',
    },
    {
      name: 'build stages count too: the build machine is exposed whatever stage ships',
      code: 'FROM golang:1.23 AS build\nRUN --network=host go build ./...\nFROM scratch\n',
      errors: [{ messageId: 'hostNetwork', at: '2:5-2:19' }],
      output: 'FROM golang:1.23 AS build\nRUN go build ./...\nFROM scratch\n',
    },
  ],
});
