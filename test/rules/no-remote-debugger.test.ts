import rule from '../../server/src/rules/no-remote-debugger';
import { testRule } from '../helpers/rule-tester';

testRule(rule, {
  valid: [
    { name: 'the inspector on its default loopback address', code: 'FROM node:22-slim\nCMD ["node", "--inspect", "server.js"]\n' },
    { name: 'an explicit loopback address or a port alone', code: 'FROM node:22-slim\nENV NODE_OPTIONS=--inspect=127.0.0.1:9229\nCMD node --inspect-brk=9229 server.js\n' },
    { name: 'JDWP without a host on Java 9 and later binds localhost; server=n connects out', code: 'FROM eclipse-temurin:21-jre\nENV JAVA_TOOL_OPTIONS="-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005"\nCMD ["java", "-agentlib:jdwp=transport=dt_socket,server=n,address=*:5005", "-jar", "app.jar"]\n' },
    { name: 'a debugger started in a build step, or in a build stage that is not shipped', code: 'FROM node:22 AS test\nCMD ["node", "--inspect=0.0.0.0", "test.js"]\nFROM node:22-slim\nRUN node --inspect=0.0.0.0 warmup.js\nCMD ["node", "server.js"]\n' },
    { name: 'JPDA_ADDRESS with a bare port on Java 11 binds localhost', code: 'FROM tomcat:9-jdk11\nENV JPDA_ADDRESS=8000\nCMD ["catalina.sh", "jpda", "run"]\n' },
    { name: 'a CMD replaced by a later one', code: 'FROM node:22-slim\nCMD ["node", "--inspect=0.0.0.0", "server.js"]\nCMD ["node", "server.js"]\n' },
    { name: 'debugpy connecting out, dlv without --headless, rdbg on a UNIX socket', code: 'FROM python:3.12\nCMD python -m debugpy --connect 0.0.0.0:5678 app.py && dlv debug --listen=:2345 && rdbg --open app.rb\n' },
    { name: 'Compose: the inspector on loopback, a development server bound to 0.0.0.0', code: 'services:\n  web:\n    image: node:22\n    command: npm run dev -- --host 0.0.0.0\n    environment:\n      NODE_OPTIONS: --inspect=localhost:9229\n' },
  ],
  invalid: [
    {
      name: 'Dockerfile: exec-form CMD with the inspector on 0.0.0.0 and the port exposed: the flag',
      code: 'FROM node:22-slim\nEXPOSE 3000 9229\nCMD ["node", "--inspect=0.0.0.0:9229", "server.js"]\n',
      errors: [
        {
          messageId: 'exposed',
          at: '3:15-3:37',
          message: 'The Node.js inspector accepts connections on every interface (port 9229), and the image exposes that port: anyone who reaches it can run code in the container',
        },
      ],
    },
    {
      name: 'Dockerfile: JDWP in ENV with address=*, a legacy Java image with a bare address, not exposed',
      code: 'FROM openjdk:8-jdk\nENV JAVA_TOOL_OPTIONS="-Xmx1g -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005"\nCMD ["java", "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005", "-jar", "ofbiz.jar"]\n',
      errors: [
        { messageId: 'listening', at: '2:31-2:99', message: 'The Java debug agent (JDWP) accepts connections on every interface (port 5005): anything on the container\'s network can attach and run code in it' },
        { messageId: 'listening', at: '3:15-3:81' },
      ],
    },
    {
      name: 'Dockerfile: NODE_OPTIONS, debugpy, ptvsd, Delve, gdbserver and Chrome in shell-form ENTRYPOINT and ENV',
      code:
        'FROM python:3.12\nENV NODE_OPTIONS="--inspect=0.0.0.0"\nENV JPDA_ADDRESS=*:8000 RUBY_DEBUG_HOST=0.0.0.0\n' +
        'ENTRYPOINT python -m debugpy --listen 0.0.0.0:5678 app.py; python -m ptvsd --host 0.0.0.0 --port 3000 m.py; dlv exec --headless --listen=:2345 /app; gdbserver :1234 /app; chromium --headless --remote-debugging-address=0.0.0.0 --remote-debugging-port=9223\n',
      errors: [
        { messageId: 'listening', at: '2:19-2:36' },
        { messageId: 'listening', at: '3:5-3:24' },
        { messageId: 'listening', at: '3:25-3:48' },
        { messageId: 'listening', at: '4:30-4:51' },
        { messageId: 'listening', at: '4:76-4:90' },
        { messageId: 'listening', at: '4:129-4:143' },
        { messageId: 'listening', at: '4:160-4:165' },
        { messageId: 'listening', at: '4:192-4:226' },
      ],
    },
    {
      name: 'Compose: JDWP published on every interface is an error; the voting app\'s inspector published on loopback is a warning',
      code:
        'services:\n  web:\n    image: vulhub/teamcity:2023.11.3\n    ports:\n      - "8111:8111"\n      - "5005:5005"\n    environment:\n' +
        '      - TEAMCITY_SERVER_OPTS=-Dteamcity.startup.maintenance=false -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005\n' +
        '  result:\n    build: ./result\n    entrypoint: nodemon --inspect=0.0.0.0 server.js\n    ports:\n      - "8081:80"\n      - "127.0.0.1:9229:9229"\n',
      errors: [
        { messageId: 'published', at: '8:67-8:135', message: 'The Java debug agent (JDWP) accepts connections on every interface (port 5005), and that port is published: anyone who reaches it can run code in the container' },
        { messageId: 'listening', at: '11:25-11:42' },
      ],
    },
    {
      name: 'Compose: host network publishes everything; command as a list; rdbg through bundle exec',
      code: 'services:\n  app:\n    image: ruby:3.3\n    network_mode: host\n    command: ["bundle", "exec", "rdbg", "--open", "--host", "0.0.0.0", "--port", "12345", "--", "bin/rails", "s"]\n',
      errors: [{ messageId: 'published', at: '5:51-5:70', message: 'rdbg accepts connections on every interface (port 12345), and that port is published: anyone who reaches it can run code in the container' }],
    },
    {
      name: 'Tomcat\'s JPDA_ADDRESS with a bare port on a Java 8 image, and the port exposed',
      code: 'FROM tomcat:7-jre8\nENV JPDA_ADDRESS="8000"\nENV JPDA_TRANSPORT="dt_socket"\nEXPOSE 8080 8000\nCMD ["catalina.sh", "jpda", "run"]\n',
      errors: [{ messageId: 'exposed', at: '2:5-2:24', message: 'Tomcat\'s JPDA debug agent accepts connections on every interface (port 8000), and the image exposes that port: anyone who reaches it can run code in the container' }],
    },
  ],
});
