import rule from '../../server/src/rules/oci-labels';
import { testRule } from '../helpers/rule-tester';

const two = { rules: { 'oci-labels': { severity: 'info' as const, options: { required: ['org.opencontainers.image.source', 'org.opencontainers.image.licenses'] } } } };

testRule(rule, {
  valid: [
    { name: 'label set in the final stage', code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/acme/x"\n' },
    { name: 'quoted key, several pairs, lowercase instruction', code: 'FROM alpine:3.20\nlabel "org.opencontainers.image.source"="https://x" version=1\n' },
    { name: 'label in a stage the final stage builds on', code: 'FROM alpine:3.20 AS base\nLABEL org.opencontainers.image.source=https://x\nFROM base\n' },
    { name: 'value from a build argument', code: 'FROM alpine:3.20\nARG REPO\nLABEL org.opencontainers.image.source=$REPO\n' },
    { name: 'an empty file has no final stage', code: '\n' },
    { name: 'an empty required list turns the check off', code: 'FROM alpine:3.20\n', config: { rules: { 'oci-labels': { severity: 'info', options: { required: [] } } } } },
  ],
  invalid: [
    {
      name: 'missing: reported on the final FROM; the fix adds the label after it',
      code: 'FROM golang:1.23 AS build\nLABEL org.opencontainers.image.source=https://x\nFROM alpine:3.20\nCMD ["/app"]\n',
      errors: [{ messageId: 'missing', at: '3:1-3:17', message: 'The final image has no "org.opencontainers.image.source" label; add it so the image can be traced back to its source' }],
      output: 'FROM golang:1.23 AS build\nLABEL org.opencontainers.image.source=https://x\nFROM alpine:3.20\nLABEL org.opencontainers.image.source="<repository URL>"\nCMD ["/app"]\n',
    },
    {
      name: 'option with two labels, one present: only the missing one is added',
      code: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://x\n',
      config: two,
      errors: [{ messageId: 'missing', at: '1:1-1:17' }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="<SPDX license expression>"\nLABEL org.opencontainers.image.source=https://x\n',
    },
    {
      name: 'several missing: one finding, a LABEL with continuation lines using the escape directive; CRLF kept',
      code: '# escape=`\r\nFROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 `\r\n  AS final\r\nCMD ["app.exe"]\r\n',
      config: two,
      errors: [{ messageId: 'missingMany', at: '2:1-3:11', message: 'The final image lacks the labels "org.opencontainers.image.source", "org.opencontainers.image.licenses"; add them so the image can be traced back to its source' }],
      output:
        '# escape=`\r\nFROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 `\r\n  AS final\r\n' +
        'LABEL org.opencontainers.image.source="<repository URL>" `\r\n      org.opencontainers.image.licenses="<SPDX license expression>"\r\nCMD ["app.exe"]\r\n',
    },
    {
      name: 'a label with another key does not count',
      code: 'FROM alpine:3.20\nLABEL maintainer="a@b.c" org.opencontainers.image.url=https://x\n',
      errors: [{ messageId: 'missing', at: '1:1-1:17' }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="<repository URL>"\nLABEL maintainer="a@b.c" org.opencontainers.image.url=https://x\n',
    },
  ],
});
