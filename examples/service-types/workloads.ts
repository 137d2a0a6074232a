// The shop's pods behind the Services of this example: hardened cdk8s-plus Deployments as users
// write them (../hardened.ts); the Services and the policy tiers select their `app` label.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { AppPod, appDeployment } from '../hardened';

const PODS: AppPod[] = [
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

/** One Deployment per pod of `PODS`, labelled `app: <name>`, listening on its named port. */
export function shopWorkloads(scope: Construct): kplus.Deployment[] {
  return PODS.map((pod) => appDeployment(scope, pod));
}
