import { measureHttp } from '../http.js'

// The HTTP phase's own process (see measureHttpInChild): measures, reports to the parent, exits.
const send = process.send?.bind(process)
if (send === undefined) throw new Error('run through measureHttpInChild, which reads the report over IPC')
send(await measureHttp(process.argv[2] as string, process.env), () => process.disconnect())
