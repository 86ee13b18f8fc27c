/** Connections the shipping drivers share: a send-only stream socket with bounded connects and writes. */
package berth.logging.transport;
