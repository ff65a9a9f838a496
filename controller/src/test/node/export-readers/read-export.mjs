// Reads a dexd export with readers that are not dexd's writers and prints what it found as one JSON
// object, for the Java tests to compare with the log: node read-export.mjs parquet|lerobot|mcap PATH [ROWS]
// ROWS: comma-separated row numbers to print in full (Parquet and LeRobot data). MCAP is read twice:
// streamed (McapStreamReader; schemas and channels listed once each, the summary section repeats
// them) and through its summary and indexes (McapIndexedReader, which refuses a file without them;
// its messages come by chunk index and message index). The data section's CRC is recomputed here.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'
import { McapIndexedReader, McapStreamReader } from '@mcap/core'

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

// CRC-32 (IEEE, as MCAP uses), written out here so the check does not trust any writer's code
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes) {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

async function mcapIndexed(bytes) {
  const readable = {
    size: async () => BigInt(bytes.byteLength),
    read: async (offset, length) => bytes.subarray(Number(offset), Number(offset + length)),
  }
  const reader = await McapIndexedReader.Initialize({ readable })
  const out = { chunkIndexes: reader.chunkIndexes.map(c => ({ messageStartTime: c.messageStartTime,
    messageEndTime: c.messageEndTime, chunkStartOffset: c.chunkStartOffset, chunkLength: c.chunkLength,
    messageIndexChannels: Array.from(c.messageIndexOffsets.keys()), compression: c.compression,
    compressedSize: c.compressedSize, uncompressedSize: c.uncompressedSize })),
    statistics: reader.statistics ? { ...reader.statistics,
      channelMessageCounts: Object.fromEntries(reader.statistics.channelMessageCounts) } : null,
    topics: Object.fromEntries(Array.from(reader.channelsById.values()).map(c => [c.id, c.topic])),
    summaryOffsets: Array.from(reader.summaryOffsetsByOpcode.keys()).sort((a, b) => a - b),
    footer: { summaryStart: reader.footer.summaryStart, summaryOffsetStart: reader.footer.summaryOffsetStart,
      summaryCrc: reader.footer.summaryCrc },
    dataSectionCrc: reader.dataSectionCrc ?? 0,
    dataSectionCrcComputed: crc32(bytes.subarray(0, Number(reader.dataEndOffset))),
    counts: {}, first: {}, last: {}, ordered: true }
  let previous = -1n
  for await (const m of reader.readMessages()) {
    if (m.logTime < previous) out.ordered = false
    previous = m.logTime
    out.counts[m.channelId] = (out.counts[m.channelId] ?? 0) + 1
    if (!(m.channelId in out.first)) out.first[m.channelId] = { logTime: m.logTime, sequence: m.sequence }
    out.last[m.channelId] = { logTime: m.logTime, sequence: m.sequence,
      data: JSON.parse(new TextDecoder().decode(m.data)) }
  }
  // a time window through the indexes: the messages of the middle chunk's time range only
  const mid = reader.chunkIndexes[Math.floor(reader.chunkIndexes.length / 2)]
  out.window = { startTime: mid.messageStartTime, endTime: mid.messageEndTime, count: 0 }
  for await (const m of reader.readMessages({ startTime: mid.messageStartTime, endTime: mid.messageEndTime })) {
    out.window.count++
  }
  return out
}

async function mcap(file) {
  const bytes = new Uint8Array(await readFile(file))
  const reader = new McapStreamReader({ validateCrcs: true, includeChunks: true })
  reader.append(bytes)
  const out = { header: null, schemas: [], channels: [], counts: {}, first: {}, last: {}, records: 0,
    dataEnd: null, statistics: null, footer: null, types: {} }
  for (let r; (r = reader.nextRecord()); ) {
    out.records++
    out.types[r.type] = (out.types[r.type] ?? 0) + 1
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
  out.indexed = await mcapIndexed(bytes)
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
