/** 提示音: a short two-tone beep made in the browser (no sound file to ship or fetch). */
let ctx: AudioContext | null = null

export function beep(urgent: boolean): void {
  try {
    ctx ??= new AudioContext()
    const tones = urgent ? [880, 660, 880] : [660]
    tones.forEach((f, i) => {
      const o = ctx!.createOscillator()
      const g = ctx!.createGain()
      o.frequency.value = f
      g.gain.value = 0.15
      o.connect(g).connect(ctx!.destination)
      const t = ctx!.currentTime + i * 0.22
      o.start(t)
      o.stop(t + 0.18)
    })
  } catch {
    /* no audio device: the banner still shows */
  }
}
