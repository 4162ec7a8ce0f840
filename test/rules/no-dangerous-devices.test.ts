import rule from '../../server/src/rules/no-dangerous-devices';
import { testRule } from '../helpers/rule-tester';

const devices = (list: string) => `services:\n  app:\n    image: app:1\n    devices:\n${list}`;

testRule(rule, {
  valid: [
    {
      name: 'common, narrow devices',
      code: devices('      - /dev/snd:/dev/snd\n      - /dev/dri\n      - /dev/net/tun\n      - /dev/fuse:/dev/fuse:rwm\n      - /dev/ttyUSB0:/dev/ttyACM0\n      - /dev/video0\n      - /dev/kvm\n      - /dev/bus/usb:/dev/bus/usb\n'),
    },
    { name: 'look-alike names that are not disks', code: devices('      - /dev/sg0\n      - /dev/hidraw0\n      - /dev/vhost-net\n      - /dev/cpu_dma_latency\n      - /dev/memory_bandwidth\n') },
    { name: 'CDI device names are not host paths', code: devices('      - nvidia.com/gpu=all\n') },
    { name: 'an unresolved variable is unknown', code: devices('      - ${DISK}:/dev/xvda\n') },
    { name: 'the dangerous path as the container side only', code: devices('      - /dev/ttyUSB0:/dev/sda\n') },
    { name: 'narrow cgroup rules, and mknod-only rules', code: 'services:\n  app:\n    image: app:1\n    device_cgroup_rules:\n      - "c 189:* rmw"\n      - "c 1:3 rw"\n      - "a *:* m"\n' },
    { name: 'devices outside a service', code: 'x-notes:\n  devices: [/dev/mem]\nservices:\n  app:\n    image: app:1\n' },
  ],
  invalid: [
    {
      name: 'raw memory and a disk, with the exact message',
      code: devices('      - /dev/mem:/dev/mem\n      - "/dev/sda:/dev/xvda:rwm"\n'),
      errors: [
        { messageId: 'device', at: '5:9-5:26', message: 'Service "app" is given the host device "/dev/mem", which is raw host memory or I/O ports; map a narrower device or use a volume' },
        { messageId: 'device', at: '6:9-6:33' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'every block device family',
      code: devices('      - /dev/sdb1\n      - /dev/hda\n      - /dev/vdb\n      - /dev/xvdf\n      - /dev/nvme0n1p2\n      - /dev/mmcblk0\n      - /dev/loop0\n      - /dev/dm-3\n      - /dev/mapper/vg-root\n      - /dev/disk/by-id/ata-XYZ\n      - /dev/md0\n'),
      errors: Array.from({ length: 11 }, (_, i) => ({ messageId: 'device', at: `${5 + i}:9-${5 + i}:${9 + [9, 8, 8, 9, 14, 12, 10, 9, 19, 23, 8][i]}` })),
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'the whole /dev, MSRs and kmem, with a trailing slash and a variable default',
      code: devices('      - /dev/:/dev/\n      - /dev/cpu/0/msr\n      - ${MEM_DEV:-/dev/kmem}:/dev/kmem\n'),
      errors: [
        { messageId: 'device', at: '5:9-5:20', message: 'Service "app" is given the host device "/dev/", which is every host device, disks and memory included; map a narrower device or use a volume' },
        { messageId: 'device', at: '6:9-6:23' },
        { messageId: 'device', at: '7:9-7:40' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'long syntax and flow style',
      code: 'version: "3"\nservices:\n  app:\n    image: app:1\n    devices:\n      - source: /dev/nvme0n1\n        target: /dev/nvme0n1\n        permissions: rwm\n      - {source: /dev/port, target: /dev/port}\n',
      errors: [
        { messageId: 'device', at: '6:9-8:25' },
        { messageId: 'device', at: '9:9-9:47' },
      ],
      output: 'version: "3"\nservices:\n  app:\n    image: app:1\n',
    },
    {
      name: 'cgroup rules that open every device, every disk or memory',
      code: 'services:\n  app:\n    image: app:1\n    device_cgroup_rules: ["a *:* rwm", "b 8:* rw", \'c *:* r\', "c 1:1 rwm"]\n',
      errors: [
        { messageId: 'cgroupRule', at: '4:27-4:38', message: 'Service "app" allows "a *:* rwm" in device_cgroup_rules, which lets it create and open every host device' },
        { messageId: 'cgroupRule', at: '4:40-4:50' },
        { messageId: 'cgroupRule', at: '4:52-4:61' },
        { messageId: 'cgroupRule', at: '4:63-4:74' },
      ],
      output: 'services:\n  app:\n    image: app:1\n',
    },
    {
      name: 'inherited through a merge key: reported on the << entry',
      code: 'x-dev: &dev\n  devices: [/dev/sda]\nservices:\n  app:\n    <<: *dev\n    image: app:1\n',
      errors: [{ messageId: 'device', at: '5:5-5:13' }],
    },
    {
      name: 'fix: only the dangerous items go, comments and CRLF survive',
      code: 'services:\r\n  app:\r\n    image: app:1\r\n    devices:\r\n      # GPU\r\n      - /dev/dri:/dev/dri\r\n      - /dev/sda:/dev/sda # disk\r\n    device_cgroup_rules: ["c 189:* rmw", "b *:* rwm"]\r\n',
      errors: [
        { messageId: 'device', at: '7:9-7:26' },
        { messageId: 'cgroupRule', at: '8:42-8:53' },
      ],
      output: 'services:\r\n  app:\r\n    image: app:1\r\n    devices:\r\n      # GPU\r\n      - /dev/dri:/dev/dri\r\n    device_cgroup_rules: ["c 189:* rmw"]\r\n',
    },
  ],
});
