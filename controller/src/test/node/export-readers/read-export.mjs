// Reads a dexd export with readers that are not dexd's writers and prints what it found as one JSON
// object, for the Java tests to compare with the log: node read-export.mjs parquet|lerobot|mcap PATH [ROWS]
// ROWS: comma-separated row numbers to print in full (Parquet and LeRobot data). MCAP schemas and
// channels are listed once each (the summary section repeats them).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'
import { McapStreamReader } from '@mcap/core'

const [kind, path, rowsArg = ''] = process.argv.slice(2)
const wanted = rowsArg === '' ? [] : rowsArg.split(',').map(Number)

// BigInt (int64) as a decimal string, typed arrays as plain arrays
const plain = (k, v) => typeof v === 'bigint' ? v.toString() : ArrayBuffer.isView(v) ? Array.from(v) : v

async function parquet(file, all = false) {
  const buffer = await asyncBufferFromFile(file)
  const metadata = await parquetMetadataAsync(buffer)
  const schema = parquetSchema(metadata)
  const rows = await parquetReadObjects({ file: buffer, metadata })
  const columns = schema.children.map(c => ({ name: c.element.name, type: c.element.type ?? null,
    converted: c.element.converted_type ?? null }))
  const picked = {}
  for (const r of wanted) if (r < rows.length) picked[r] = rows[r]
  return { rows: Number(metadata.num_rows), read: rows.length, columns, picked, all: all ? rows : undefined }
}

async function mcap(file) {
  const reader = new McapStreamReader({ validateCrcs: true })
  reader.append(new Uint8Array(await readFile(file)))
  const out = { header: null, schemas: [], channels: [], counts: {}, first: {}, last: {}, records: 0,
    dataEnd: null, statistics: null, footer: null }
  for (let r; (r = reader.nextRecord()); ) {
    out.records++
    switch (r.type) {
      case 'Header': out.header = { profile: r.profile, library: r.library }; break
      case 'Schema': if (!out.schemas.some(x => x.id === r.id)) out.schemas.push({ id: r.id, name: r.name, encoding: r.encoding,
        schema: JSON.parse(new TextDecoder().decode(r.data)) }); break
      case 'Channel': if (!out.channels.some(c => c.id === r.id)) out.channels.push({ id: r.id, schemaId: r.schemaId,
        topic: r.topic, messageEncoding: r.messageEncoding }); break
      case 'Message': {
        const data = JSON.parse(new TextDecoder().decode(r.data))
        out.counts[r.channelId] = (out.counts[r.channelId] ?? 0) + 1
        if (!(r.channelId in out.first)) out.first[r.channelId] = { logTime: r.logTime, sequence: r.sequence, data }
        out.last[r.channelId] = { logTime: r.logTime, sequence: r.sequence, data }
        break
      }
      case 'DataEnd': out.dataEnd = { dataSectionCrc: r.dataSectionCrc }; break
      case 'Statistics': out.statistics = { messageCount: r.messageCount, channelMessageCounts:
        Object.fromEntries(r.channelMessageCounts) }; break
      case 'Footer': out.footer = { summaryStart: r.summaryStart, summaryCrc: r.summaryCrc }; break
    }
  }
  out.done = reader.done()
  return out
}

let result
if (kind === 'parquet') {
  result = await parquet(path)
} else if (kind === 'lerobot') {
  result = {
    info: JSON.parse(await readFile(join(path, 'meta/info.json'), 'utf8')),
    stats: JSON.parse(await readFile(join(path, 'meta/stats.json'), 'utf8')),
    tasks: await parquet(join(path, 'meta/tasks.parquet'), true),
    episodes: await parquet(join(path, 'meta/episodes/chunk-000/file-000.parquet'), true),
    data: await parquet(join(path, 'data/chunk-000/file-000.parquet')),
  }
} else if (kind === 'mcap') {
  result = await mcap(path)
} else {
  console.error('usage: node read-export.mjs parquet|lerobot|mcap PATH [ROWS]')
  process.exit(2)
}
process.stdout.write(JSON.stringify(result, plain) + '\n')
