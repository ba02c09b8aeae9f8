/**
 * Internal: the SSB tables. lineorder is derived, order by order, by {@code SsbOrderModel}. Use
 * {@link dev.apiary.datagen.Ssb}.
 */
package dev.apiary.datagen.ssb;
