// Seed 002's application (names and ports kept), hardened: non-root, read-only root filesystem,
// no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, requests and limits,
// pinned images, and the database password from a Secret reference.
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { hardened, resources, scratch } from '../hardened';

/** The Secret (created out of band, e.g. synced from Key Vault by the CSI driver) holding the password. */
export const DATABASE_SECRET = 'database-credentials';

export interface SeedWorkloads {
  readonly database: kplus.Deployment;
  readonly api: kplus.Deployment;
  readonly web: kplus.Deployment;
  readonly databaseService: kplus.Service;
  readonly apiService: kplus.Service;
  readonly webService: kplus.Service;
}

function deployment(
  scope: Construct,
  name: string,
  replicas: number,
  sysctls: kplus.Sysctl[] = [],
): kplus.Deployment {
  return new kplus.Deployment(scope, name, {
    metadata: { name },
    replicas,
    automountServiceAccountToken: false,
    podMetadata: { labels: { app: name } },
    select: false,
    securityContext: { ensureNonRoot: true, sysctls },
  });
}

export function seedWorkloads(scope: Construct): SeedWorkloads {
  const password = kplus.EnvValue.fromSecretValue({
    secret: kplus.Secret.fromSecretName(scope, 'DatabaseSecret', DATABASE_SECRET),
    key: 'password',
  });

  const database = deployment(scope, 'database', 1);
  database.select(kplus.LabelSelector.of({ labels: { app: 'database' } }));
  const postgres = database.addContainer({
    name: 'postgres',
    image: 'postgres:15-alpine',
    portNumber: 5432,
    envVariables: {
      POSTGRES_PASSWORD: password,
      PGDATA: kplus.EnvValue.fromValue('/var/lib/postgresql/data/pgdata'),
    },
    securityContext: hardened(70), // the postgres user of the alpine image
    resources: resources(250, 256),
  });
  scratch(scope, 'DatabaseData', postgres, '/var/lib/postgresql/data');
  scratch(scope, 'DatabaseRun', postgres, '/var/run/postgresql');
  scratch(scope, 'DatabaseTmp', postgres, '/tmp');

  const api = deployment(scope, 'api', 2);
  api.select(kplus.LabelSelector.of({ labels: { app: 'api' } }));
  const apiContainer = api.addContainer({
    name: 'api',
    image: 'my-api:1.0.0',
    portNumber: 8080,
    // credentials apart from the URL: the password never appears in plain text
    envVariables: {
      DATABASE_HOST: kplus.EnvValue.fromValue('database'),
      DATABASE_PORT: kplus.EnvValue.fromValue('5432'),
      DATABASE_NAME: kplus.EnvValue.fromValue('mydb'),
      DATABASE_USER: kplus.EnvValue.fromValue('postgres'),
      DATABASE_PASSWORD: password,
    },
    securityContext: hardened(10001),
    resources: resources(250, 256),
  });
  scratch(scope, 'ApiTmp', apiContainer, '/tmp');

  // non-root NGINX keeps listening on 80 (the seed's port) without NET_BIND_SERVICE: a safe sysctl
  const web = deployment(scope, 'web', 2, [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
  web.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
  const nginx = web.addContainer({
    name: 'web',
    image: 'nginx:1.27-alpine',
    portNumber: 80,
    securityContext: hardened(101), // the nginx user of the image
    resources: resources(100, 64),
  });
  scratch(scope, 'WebCache', nginx, '/var/cache/nginx');
  scratch(scope, 'WebRun', nginx, '/var/run');

  // Services select the seed's `app` label, the same label the policy tiers use.
  const service = (name: string, port: number, targetPort: number): kplus.Service => {
    const svc = new kplus.Service(scope, `${name}-service`, {
      metadata: { name },
      ports: [{ port, targetPort }],
    });
    svc.selectLabel('app', name);
    return svc;
  };
  return {
    database,
    api,
    web,
    databaseService: service('database', 5432, 5432),
    apiService: service('api', 80, 8080),
    webService: service('web', 80, 80),
  };
}
