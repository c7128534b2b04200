// SPDX-License-Identifier: MIT
// Validates YAML specs against a JSON Schema (draft 2020-12) with Ajv.
// Usage: node validate.mjs SCHEMA FILE...; prints "valid FILE" or
// "invalid FILE: why" per file and always exits 0 (run.sh judges).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(process.env.SCHEMA_MODULES + '/');
const Ajv2020 = require('ajv/dist/2020').default;
const YAML = require('yaml');

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));

for (const file of files) {
	let doc;
	try {
		doc = YAML.parse(readFileSync(file, 'utf8'), { uniqueKeys: true });
	} catch (e) {
		console.log(`invalid ${file}: YAML: ${e.message.split('\n')[0]}`);
		continue;
	}
	if (validate(doc)) {
		console.log(`valid ${file}`);
	} else {
		const why = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`);
		console.log(`invalid ${file}: ${why.slice(0, 3).join('; ')}`);
	}
}
