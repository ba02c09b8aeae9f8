/**
 * Internal: the TPC-H tables. Orders and lineitem share {@code OrderModel}, which derives an order
 * and its lines from the order's index alone. Use {@link dev.apiary.datagen.Tpch}.
 */
package dev.apiary.datagen.tpch;
