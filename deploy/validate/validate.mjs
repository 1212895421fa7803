// Renders each kustomization named on the command line (resources, nested kustomizations, namespace, images) and
// validates every object against its schema: Kubernetes (kubernetes-models), Strimzi, CloudNativePG and Prometheus
// Operator CRDs (@kubernetes-models/*). An object of a kind with no schema here is an error too, so nothing passes
// unchecked. Prints one line per object; exits 1 naming each invalid one.
// Usage: node validate.mjs <kustomization dir>...
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

const CRDS = {
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'postgresql.cnpg.io': '@kubernetes-models/cloudnative-pg',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

function readYaml(file) {
  return parseAllDocuments(readFileSync(file, 'utf8')).map(d => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors.map(e => e.message).join('; ')}`);
    return d.toJS();
  }).filter(o => o != null);
}

function render(dir) {
  const file = ['kustomization.yaml', 'kustomization.yml'].map(f => join(dir, f)).find(existsSync);
  if (!file) throw new Error(`${dir}: no kustomization.yaml`);
  const k = readYaml(file)[0];
  let objects = [];
  for (const r of k.resources ?? []) {
    const path = resolve(dir, r);
    const rendered = statSync(path).isDirectory() ? render(path) : readYaml(path).map(o => ({ ...o, __file: path }));
    objects = objects.concat(rendered);
  }
  for (const o of objects) {
    if (k.namespace && o.metadata) o.metadata.namespace = k.namespace;
    for (const image of k.images ?? []) retag(o, image);
  }
  return objects;
}

function retag(o, { name, newName, newTag }) {
  const pods = [o.spec?.template?.spec, o.spec?.jobTemplate?.spec?.template?.spec].filter(Boolean);
  for (const pod of pods) {
    for (const c of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      const [base, tag] = c.image.split(/:(?=[^/]*$)/);
      if (base === name) c.image = `${newName ?? base}:${newTag ?? tag ?? 'latest'}`;
    }
  }
}

async function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = CRDS[group];
  const path = pkg ? `${pkg}/${group}/${version}`
    : `kubernetes-models/${group === '' ? '' : group.replace(/\.k8s\.io$/, '.k8s.io') + '/'}${version}/${kind}`;
  try {
    const mod = await import(path);
    return pkg ? mod[kind] : mod[kind] ?? mod.default;
  } catch {
    return undefined;
  }
}

let failed = 0;
for (const dir of process.argv.slice(2)) {
  for (const o of render(resolve(dir))) {
    const { __file, ...object } = o;
    const name = `${object.kind}/${object.metadata?.name} (${__file})`;
    const Model = object.apiVersion && object.kind ? await model(object.apiVersion, object.kind) : undefined;
    if (!Model) {
      console.log(`INVALID ${name}: no schema for ${object.apiVersion} ${object.kind}`);
      failed++;
      continue;
    }
    try {
      new Model(object).validate();
      console.log(`ok      ${name}`);
    } catch (e) {
      console.log(`INVALID ${name}: ${e.message}`);
      failed++;
    }
  }
}
if (failed) {
  console.log(`${failed} invalid object(s)`);
  process.exit(1);
}
