// The Hypercore peer of replication_bench: the same catch-up, measured in the same run on the
// same machine. Core A (on disk) holds N blocks of 1 KiB; core B starts empty, connects to A
// over TCP on 127.0.0.1 (Hypercore's Noise-encrypted replication stream) and downloads every
// block. Prints one line: "hypercore <records> <seconds> <peak RSS MiB>".
//
// Usage: node bench.js RECORDS
'use strict'
const Hypercore = require('hypercore')
const net = require('net')
const fs = require('fs')
const os = require('os')
const path = require('path')

async function main () {
  const records = Number(process.argv[2] || 100000)
  if (!Number.isInteger(records) || records < 1) throw new Error('RECORDS must be a positive integer')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hypercore-bench-'))
  try {
    const a = new Hypercore(path.join(dir, 'a'))
    await a.ready()
    const block = Buffer.alloc(1024, 'x')
    const batch = []
    for (let i = 0; i < records; i++) {
      batch.push(Buffer.concat([Buffer.from(String(i).padStart(12, '0')), block.subarray(12)]))
      if (batch.length === 1000 || i === records - 1) await a.append(batch.splice(0))
    }
    const b = new Hypercore(path.join(dir, 'b'), a.key)
    await b.ready()

    const server = net.createServer(socket => {
      const stream = a.replicate(false)
      socket.pipe(stream).pipe(socket)
    })
    await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
    const start = process.hrtime.bigint()
    const socket = net.connect(server.address().port, '127.0.0.1')
    const stream = b.replicate(true)
    socket.pipe(stream).pipe(socket)
    await b.update({ wait: true })
    await b.download({ start: 0, end: records }).done()
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    if (b.contiguousLength !== records) throw new Error(`downloaded ${b.contiguousLength} of ${records}`)
    const rss = process.resourceUsage().maxRSS / 1024
    console.log(`hypercore ${records} ${seconds.toFixed(3)} ${rss.toFixed(0)}`)
    socket.destroy()
    server.close()
    await b.close()
    await a.close()
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch(err => { console.error(`hypercore peer: ${err.message}`); process.exit(1) })
