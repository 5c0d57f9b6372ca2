// DuckDB reads the same NDJSON files into the columns Lodestar's views produce (the main ones per
// resource type) and writes each to a table: the peer for `lodestar ingest`. Usage: node duckdb-ingest.mjs DIR
import { DuckDBInstance } from '@duckdb/node-api';
import { statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await db.connect();
const codes = (e) => `list_transform(${e}.coding, x -> x.system || '|' || x.code)`;
const views = {
  Patient: `id, 'Patient/' || id AS patient_key, CAST(birthDate AS DATE) AS birth_date, gender,
            address[1].state AS address_state, address[1].postalCode AS address_postal_code, address[1].district AS address_district`,
  Encounter: `id, subject.reference AS patient_key, class.code AS class_code, ${codes('type[1]')} AS type_codes,
              CAST(period.start AS DATE) AS period_start, CAST(period."end" AS DATE) AS period_end`,
  Condition: `id, subject.reference AS patient_key, ${codes('code')} AS codes,
              CAST(onsetDateTime AS DATE) AS onset_date_time, CAST(abatementDateTime AS DATE) AS abatement_date_time`,
  Observation: `id, subject.reference AS patient_key, ${codes('code')} AS codes, CAST(effectiveDateTime AS DATE) AS effective,
                valueQuantity.value AS value_quantity, valueQuantity.code AS value_unit,
                list_filter(component, x -> x.code.coding[1].code = '8480-6')[1].valueQuantity.value AS systolic,
                list_filter(component, x -> x.code.coding[1].code = '8462-4')[1].valueQuantity.value AS diastolic`,
  Procedure: `id, subject.reference AS patient_key, ${codes('code')} AS codes, CAST(performedDateTime AS DATE) AS performed_start, status`,
  Immunization: `id, patient.reference AS patient_key, ${codes('vaccineCode')} AS vaccine_codes, CAST(occurrenceDateTime AS DATE) AS occurrence, status`,
  MedicationRequest: `id, subject.reference AS patient_key, ${codes('medicationCodeableConcept')} AS medication_codes, CAST(authoredOn AS DATE) AS authored_on, status`,
  Coverage: `id, beneficiary.reference AS patient_key, type.coding[1].code AS sop_code, CAST(period.start AS DATE) AS period_start, CAST(period."end" AS DATE) AS period_end`,
};
let bytes = 0, rows = 0;
const started = performance.now();
for (const [type, columns] of Object.entries(views)) {
  const file = join(dir, `${type}.ndjson`);
  if (!existsSync(file)) continue;
  bytes += statSync(file).size;
  await c.run(`CREATE TABLE ${type} AS SELECT ${columns} FROM read_json('${file}', format = 'newline_delimited', sample_size = -1, maximum_object_size = 16777216)`);
  const r = await c.runAndReadAll(`SELECT count(*) FROM ${type}`);
  rows += Number(r.getRows()[0][0]);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ peer: 'duckdb', seconds, bytes, rows, mbPerSecond: bytes / 1e6 / seconds, rowsPerSecond: rows / seconds }));
