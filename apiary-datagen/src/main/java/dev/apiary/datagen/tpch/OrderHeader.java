package dev.apiary.datagen.tpch;

/**
 * The order-level facts of one generated order, shared by orders and lineitem.
 *
 * @param index 0-based position of the order in the orders table
 * @param orderKey sparse key: 8 of every 32 keys are used, as in dbgen
 * @param customerKey never a multiple of 3, so a third of customers have no orders
 * @param orderDate days since 1970-01-01
 * @param priority index into the order priorities
 * @param clerk clerk number, 1..clerks
 * @param lineCount 1..7
 */
record OrderHeader(
    long index,
    long orderKey,
    long customerKey,
    int orderDate,
    int priority,
    long clerk,
    int lineCount) {}
