/** Text formats Docker inherits from Go that berth reads in more than one place (durations). */
package berth.text;
