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
