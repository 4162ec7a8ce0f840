import noCurlPipeShell from '../../../server/src/rules/no-curl-pipe-shell';
import noTlsBypass from '../../../server/src/rules/no-tls-bypass';
import { testRule } from '../../helpers/rule-tester';

testRule(noCurlPipeShell, {
  valid: [
    { name: 'download, verify, run', code: '{\n  "postCreateCommand": "curl -fsSLo /tmp/i.sh https://example.com/i.sh && sha256sum -c /tmp/i.sha && sh /tmp/i.sh"\n}\n' },
    { name: 'only in a comment; an array runs no shell', code: '{\n  // "postCreateCommand": "curl https://x | sh",\n  "postStartCommand": ["curl", "-fsSL", "https://example.com/x", "|", "sh"]\n}\n' },
  ],
  invalid: [
    {
      name: 'string form, with an escaped quote before it',
      code: '{\n  "postCreateCommand": "echo \\"hi\\" && curl -fsSL https://get.example.com | bash -s -- --yes",\n}\n',
      errors: [{ messageId: 'devcontainer', at: '2:40-2:81', message: 'The download from "https://get.example.com" runs in "bash" unchecked in postCreateCommand; save it to a file, verify its checksum or signature, then run it' }],
    },
    {
      name: 'array form running a shell script; object form with named commands; initializeCommand',
      code:
        '{\n  "initializeCommand": "wget -qO- https://x.example/i.sh | sh",\n' +
        '  "onCreateCommand": ["bash", "-c", "sh -c \\"$(curl -fsSL https://y.example/i.sh)\\""],\n' +
        '  "postStartCommand": { "tools": "curl -s https://z.example/t.sh | sudo bash", "ok": "npm ci" }\n}\n',
      errors: [
        { messageId: 'devcontainer', at: '2:25-2:62' },
        { messageId: 'devcontainer', at: '3:38-3:84' },
        { messageId: 'devcontainer', at: '4:35-4:77' },
      ],
    },
  ],
});

testRule(noTlsBypass, {
  valid: [
    { name: 'a CA certificate instead', code: '{\n  "containerEnv": { "NODE_EXTRA_CA_CERTS": "/certs/ca.pem" },\n  "postCreateCommand": "curl -fsSL https://example.com/a -o a"\n}\n' },
  ],
  invalid: [
    {
      name: 'curl -k in a string, git -c in an array',
      code: '{\n  "postCreateCommand": "curl -fsSLk https://example.com/a -o a",\n  "updateContentCommand": ["git", "-c", "http.sslVerify=false", "pull"]\n}\n',
      errors: [
        { messageId: 'devcontainerTls', at: '2:30-2:36', message: '"-fsSLk" in postCreateCommand turns off TLS certificate checks in curl; remove it and trust the server\'s CA certificate instead' },
        { messageId: 'devcontainerTls', at: '3:36-3:62' },
      ],
    },
    {
      name: 'containerEnv and remoteEnv variables, removed by the fix',
      code: '{\n  "containerEnv": {\n    "NODE_TLS_REJECT_UNAUTHORIZED": "0",\n    "TZ": "UTC"\n  },\n  "remoteEnv": { "GIT_SSL_NO_VERIFY": "1" }\n}\n',
      errors: [
        { messageId: 'devcontainerTls', at: '3:5-3:40' },
        { messageId: 'devcontainerTls', at: '6:18-6:42' },
      ],
      output: '{\n  "containerEnv": {\n    "TZ": "UTC"\n  },\n  "remoteEnv": {}\n}\n',
    },
  ],
});
