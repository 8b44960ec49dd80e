// Regenerates cldr-territories.json, the CLDR territory names the reference files are compared with
// (RegistryReferenceLanguageTests). Run from the repository root, with the two packages installed there:
//   npm install --no-save cldr-localenames-full cldr-core
//   node tests/Hld.Functional.Tests/Cldr/generate-cldr-territories.mjs > tests/Hld.Functional.Tests/Cldr/cldr-territories.json
// It reads only the codes the reference files use (ISO 3166-1 alpha-3, mapped to CLDR's alpha-2 by
// cldr-core's supplemental/codeMappings.json) in the six official languages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const languages = ['ar', 'zh', 'en', 'fr', 'es', 'ru'];
const referenceDir = new URL('../../../services/Hld.Registry.Api/ReferenceData/', import.meta.url);
const codes = ['member-states.json', 'observers.json']
  .flatMap(f => { const d = JSON.parse(readFileSync(new URL(f, referenceDir), 'utf8')); return [...(d.memberStates ?? []), ...(d.observerStates ?? [])]; })
  .map(s => s.code).sort();
const mappings = require('cldr-core/supplemental/codeMappings.json').supplemental.codeMappings;
const alpha2 = Object.fromEntries(Object.entries(mappings).filter(([, m]) => m._alpha3).map(([a2, m]) => [m._alpha3, a2]));
const territories = Object.fromEntries(languages.map(l =>
  [l, require(`cldr-localenames-full/main/${l}/territories.json`).main[l].localeDisplayNames.territories]));
const version = require('cldr-localenames-full/package.json').version;
const names = Object.fromEntries(codes.map(code => {
  const a2 = alpha2[code];
  if (!a2) throw new Error(`no alpha-2 code for ${code}`);
  return [code, { alpha2: a2, ...Object.fromEntries(languages.map(l => [l, territories[l][a2]])) }];
}));
process.stdout.write(JSON.stringify({
  source: `npm cldr-localenames-full ${version} (CLDR ${version.split('.')[0]}), main/{${languages.join(',')}}/territories.json, the default name of each territory (no -alt- variants); codes mapped with cldr-core ${require('cldr-core/package.json').version} supplemental/codeMappings.json.`,
  package: 'cldr-localenames-full',
  version,
  names,
}, null, 1) + '\n');
