// Hardened pods with cdk8s-plus, as the security rule pack wants them: non-root, read-only root
// filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, requests and
// limits, and a writable emptyDir where the image needs one.
import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';

/** A container's security context: non-root as `user`, nothing more than it needs. */
export const hardened = (user: number): kplus.ContainerSecurityContextProps => ({
  ensureNonRoot: true,
  user,
  group: user,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: [kplus.Capability.ALL] },
  seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
});

/** Requests, and limits at twice the requests. */
export const resources = (cpuMillis: number, memoryMebibytes: number): kplus.ContainerResources => ({
  cpu: { request: kplus.Cpu.millis(cpuMillis), limit: kplus.Cpu.millis(cpuMillis * 2) },
  memory: { request: Size.mebibytes(memoryMebibytes), limit: Size.mebibytes(memoryMebibytes * 2) },
});

/** A writable scratch directory (the root filesystem is read-only). */
export const scratch = (scope: Construct, id: string, container: kplus.Container, path: string): void => {
  container.mount(path, kplus.Volume.fromEmptyDir(scope, id, id.toLowerCase()));
};

/** One app pod: its image, the named port it listens on, its user and the directories it writes. */
export interface AppPod {
  readonly name: string;
  readonly image: string;
  readonly port: number;
  readonly portName: string;
  readonly user: number;
  /** Writable directories the image needs (the root filesystem is read-only). */
  readonly scratch: string[];
}

/**
 * A hardened Deployment of two replicas as users write it with cdk8s-plus: pod labels `app: <name>`
 * in podMetadata, cdk8s-plus's own selector kept; services and policy tiers select the label.
 */
export function appDeployment(scope: Construct, pod: AppPod): kplus.Deployment {
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
}
