import Glibc
import Tour

exit(ZCTour.main(Array(CommandLine.arguments.dropFirst())))
