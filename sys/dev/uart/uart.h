/*
 * uart.h: the serial console driver's interface.
 */
#ifndef _DEV_UART_UART_H_
#define _DEV_UART_UART_H_

void	uart_cninit(void);

#endif /* !_DEV_UART_UART_H_ */
