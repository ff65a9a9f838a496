/**
 * Giiker frames without allocation: {@link dev.dexd.giiker.frame.StateFrameDecoder} (20-byte state
 * frames, plain and obfuscated, checked), {@link dev.dexd.giiker.frame.StateFrameFilter} (a connection's
 * notification stream to state changes and moves), {@link dev.dexd.giiker.frame.StateFrameEncoder} and
 * the cube model {@link dev.dexd.giiker.frame.CubieCube} (the simulated cube and the tests), and our
 * face-angle frame v1 ({@link dev.dexd.giiker.frame.FaceAngleFrame}, {@link dev.dexd.giiker.frame.FaceAngleDecoder}).
 * Rejections are counted per {@link dev.dexd.giiker.frame.FrameRejection} in {@link dev.dexd.giiker.frame.FrameCounters}.
 * See docs/giiker.md.
 */
package dev.dexd.giiker.frame;
