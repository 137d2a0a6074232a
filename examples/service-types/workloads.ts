// The shop's pods behind the Services of this example, hardened (see ../hardened.ts). They are
// cdk8s-plus Deployments as users write them: pod labels in podMetadata, and cdk8s-plus's own
// selector left on; the Services and the policy tiers select the pods by those labels.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { hardened, resources, scratch } from '../hardened';

interface ShopPod {
  readonly name: string;
  readonly image: string;
  readonly port: number;
  readonly portName: string;
  readonly user: number;
  /** Writable directories the image needs (the root filesystem is read-only). */
  readonly scratch: string[];
}

const PODS: ShopPod[] = [
  {
    name: 'web',
    image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    port: 8080,
    portName: 'http',
    user: 101,
    scratch: ['/tmp'],
  },
  {
    name: 'api',
    image: 'contoso.azurecr.io/shop-api:1.4.2',
    port: 8080,
    portName: 'http',
    user: 10001,
    scratch: ['/tmp'],
  },
  { name: 'cache', image: 'redis:7.4-alpine', port: 6379, portName: 'redis', user: 999, scratch: ['/data'] },
  {
    name: 'lb',
    image: 'contoso.azurecr.io/shop-edge:2.1.0',
    port: 8443,
    portName: 'https',
    user: 10001,
    scratch: ['/tmp'],
  },
];

/** One Deployment per pod of {@link PODS}, labelled `app: <name>`, listening on its named port. */
export function shopWorkloads(scope: Construct): kplus.Deployment[] {
  return PODS.map((pod) => {
    const deployment = new kplus.Deployment(scope, pod.name, {
      metadata: { name: pod.name },
      replicas: 2,
      automountServiceAccountToken: false,
      podMetadata: { labels: { app: pod.name } },
      securityContext: { ensureNonRoot: true },
    });
    const container = deployment.addContainer({
      name: pod.name,
      image: pod.image,
      ports: [{ number: pod.port, name: pod.portName }],
      securityContext: hardened(pod.user),
      resources: resources(100, 128),
    });
    pod.scratch.forEach((path, i) => scratch(scope, `${pod.name}-scratch-${i}`, container, path));
    return deployment;
  });
}
