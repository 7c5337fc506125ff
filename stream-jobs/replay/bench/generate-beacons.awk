# Writes protocol-v1 beacons for SESSIONS sessions (awk -v SESSIONS=N -v SEED=S), sessions interleaved
# in blocks of 64 the way a collector receives them, for replay benchmarks.
function beacon(id, type, extra) {
  printf "{\"v\":1,\"session_id\":\"%s\",\"seq\":%d,\"type\":\"%s\",\"ts\":%.0f,\"player_name\":\"hls.js\",\"player_version\":\"1.5.17\",\"device_type\":\"%s\",\"os\":\"%s\",\"cdn\":\"%s\",\"asset_id\":\"asset-%d\"%s}\n", \
    id, seq[id]++, type, ts[id], dev[id], os[id], cdn[id], asset[id], extra
}
BEGIN {
  srand(SEED + 0)
  split("cdn-a cdn-b cdn-c", cdns, " "); split("desktop mobile smart_tv", devs, " "); split("macOS Android Tizen", oss, " ")
  for (block = 0; block < SESSIONS; block += 64) {
    n = 0
    for (i = block; i < block + 64 && i < SESSIONS; i++) {
      id = sprintf("bench-%09d", i); ids[n++] = id
      seq[id] = 0; ts[id] = 1700000000000 + int(rand() * 3600000)
      d = 1 + int(rand() * 3); dev[id] = devs[d]; os[id] = oss[d]; cdn[id] = cdns[1 + int(rand() * 3)]
      asset[id] = int(rand() * 500); steps[id] = 20 + int(rand() * 60)
      beacon(id, "play_request", "")
      ts[id] += 300 + int(rand() * 3000); beacon(id, "first_frame", ",\"bitrate_kbps\":2500")
    }
    for (alive = n; alive > 0;) {
      alive = 0
      for (k = 0; k < n; k++) {
        id = ids[k]
        if (steps[id] < 0) continue
        alive++
        ts[id] += 1000 + int(rand() * 10000)
        if (steps[id]-- == 0) { beacon(id, "end", ""); continue }
        r = rand()
        if (r < 0.05) { beacon(id, "rebuffer_start", ""); ts[id] += 200 + int(rand() * 3000); beacon(id, "rebuffer_end", "") }
        else if (r < 0.15) beacon(id, "bitrate_change", sprintf(",\"bitrate_kbps\":%d", 800 + 400 * int(rand() * 10)))
        else beacon(id, "heartbeat", "")
      }
    }
  }
}
