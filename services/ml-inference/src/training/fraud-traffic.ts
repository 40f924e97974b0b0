import type { FraudRequest } from '@platform/contracts'
import type { Random } from '@platform/seeded-random'

export interface LabelledRow<T> { row: T, label: number }

const browsers = [
  'Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 12; Pixel 6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.6045.163 Mobile Safari/537.36'
]
const botAgents = [
  'python-requests/2.31.0',
  'curl/8.4.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.71 Safari/537.36',
  'Mozilla/5.0 (compatible; AdsBot/1.0; +http://example.com/bot)',
  'okhttp/4.12.0',
  'Go-http-client/1.1'
]
/** Cloud/datacenter /16 networks bots rent (documentation-style picks, not real allocations). */
const datacenterNetworks = [[34, 102], [35, 190], [52, 14], [104, 131], [159, 65], [167, 99]] as const
const apps = Array.from({ length: 200 }, (_, i) => `app-${String(i).padStart(3, '0')}`)
const farmApps = apps.slice(0, 12)

type Behaviour = 'human' | 'vpn_human' | 'click_farm' | 'datacenter_bot' | 'burst_bot' | 'mimic_bot'

function residentialIp (random: Random): string {
  return `${random.pick([24, 49, 73, 86, 98, 101, 122, 176, 187, 201])}.${random.int(0, 256)}.${random.int(0, 256)}.${random.int(1, 255)}`
}

function datacenterIp (random: Random): string {
  const [a, b] = random.pick(datacenterNetworks)
  return `${a}.${b}.${random.int(0, 256)}.${random.int(1, 255)}`
}

function chooseBehaviour (random: Random, fraudRate: number): Behaviour {
  const u = random.next()
  if (u >= fraudRate) return random.next() < 0.03 ? 'vpn_human' : 'human'
  return random.pick(['click_farm', 'click_farm', 'datacenter_bot', 'datacenter_bot', 'burst_bot', 'mimic_bot'] as const)
}

/**
 * Seeded ad traffic with known bot behaviour. Ground truth is the generating behaviour: bots click
 * far more often, come in bursts, from datacenter networks or with scripted user agents and
 * emulators; humans on VPNs and "mimic" bots that look human keep the task from being trivial.
 */
export function generateFraudTraffic (random: Random, rows: number, fraudRate = 0.12): Array<LabelledRow<FraudRequest>> {
  const out: Array<LabelledRow<FraudRequest>> = []
  for (let i = 0; i < rows; i++) {
    const behaviour = chooseBehaviour(random, fraudRate)
    const human = behaviour === 'human' || behaviour === 'vpn_human' || behaviour === 'mimic_bot'
    const impressions = behaviour === 'burst_bot'
      ? Math.round(random.lognormal(7.5, 0.8))
      : Math.max(1, Math.round(random.lognormal(behaviour === 'datacenter_bot' ? 5.5 : 3.2, 1)))
    const clickRate = behaviour === 'click_farm'
      ? 0.15 + 0.6 * random.next()
      : behaviour === 'datacenter_bot' || behaviour === 'burst_bot' ? 0.02 + 0.2 * random.next() : 0.002 + 0.04 * random.next()
    const clicks = Math.min(impressions, random.poisson(impressions * clickRate))
    const ip = behaviour === 'datacenter_bot' || behaviour === 'vpn_human' || (behaviour === 'burst_bot' && random.next() < 0.5)
      ? datacenterIp(random)
      : residentialIp(random)
    const scripted = (behaviour === 'datacenter_bot' || behaviour === 'burst_bot') && random.next() < 0.7
    const os = human || random.next() < 0.4 ? random.pick(['android', 'ios', 'web']) : random.pick(['linux', 'android'])
    const row: FraudRequest = {
      user_id: `u-${random.int(0, 1e9)}`,
      ip_address: ip,
      user_agent: scripted ? random.pick(botAgents) : random.pick(browsers),
      impressions_24h: impressions,
      clicks_24h: clicks,
      ...(random.next() < 0.9 ? { app_id: behaviour === 'click_farm' && random.next() < 0.8 ? random.pick(farmApps) : random.pick(apps) } : {}),
      ...(random.next() < 0.85 ? { device_info: { os, emulator: !human && random.next() < 0.4 } } : {})
    }
    out.push({ row, label: behaviour === 'human' || behaviour === 'vpn_human' ? 0 : 1 })
  }
  return out
}
