// Renders each kustomization named on the command line (resources, nested kustomizations, namespace, images, JSON
// 6902 patches, config maps from files) and validates every object against its schema: Kubernetes (kubernetes-
// models), Strimzi, CloudNativePG and Prometheus Operator CRDs (@kubernetes-models/*). An object of a kind with no
// schema here is an error too, so nothing passes unchecked. Prints one line per object; exits 1 naming each invalid
// one.
// Usage: node validate.mjs [--print] <kustomization dir>...
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
  for (const g of k.configMapGenerator ?? []) {
    const data = {};
    for (const f of g.files ?? []) data[f.split('/').pop()] = readFileSync(resolve(dir, f), 'utf8');
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', __file: join(dir, 'kustomization.yaml'),
      metadata: { name: g.name, labels: g.options?.labels ?? {} }, data });
  }
  for (const o of objects) {
    if (k.namespace && o.metadata) o.metadata.namespace = k.namespace;
    for (const image of k.images ?? []) retag(o, image);
  }
  for (const p of k.patches ?? []) {
    const ops = readYaml(resolve(dir, p.path))[0];
    if (!Array.isArray(ops)) throw new Error(`${p.path}: only JSON 6902 patches (a list of operations) are rendered`);
    for (const o of objects.filter(o => matches(o, p.target ?? {}))) {
      for (const op of ops) apply(o, op, p.path);
    }
  }
  return objects;
}

function matches(o, target) {
  return (!target.kind || target.kind === o.kind) && (!target.name || target.name === o.metadata?.name)
    && (!target.group || o.apiVersion?.startsWith(target.group + '/'));
}

// JSON 6902 add and replace (what the patches here use); a path that does not resolve is an error, as in kustomize
function apply(o, { op, path, value }, file) {
  const keys = path.split('/').slice(1).map(k => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = o;
  for (const key of keys.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(key)] : node?.[key];
    if (node === undefined) throw new Error(`${file}: ${path} does not resolve in ${o.kind}/${o.metadata?.name}`);
  }
  const last = keys[keys.length - 1];
  if (op === 'add' && Array.isArray(node)) {
    if (last === '-') node.push(value); else node.splice(Number(last), 0, value);
  } else if (op === 'add' || op === 'replace') {
    if (op === 'replace' && !(last in node)) throw new Error(`${file}: nothing to replace at ${path}`);
    node[last] = value;
  } else {
    throw new Error(`${file}: operation ${op} is not rendered here`);
  }
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

const print = process.argv.includes('--print'); // also show each rendered object, as JSON
let failed = 0;
for (const dir of process.argv.slice(2).filter(a => a !== '--print')) {
  for (const o of render(resolve(dir))) {
    const { __file, ...object } = o;
    if (print) console.log(JSON.stringify(object));
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
