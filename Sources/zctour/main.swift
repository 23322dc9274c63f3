import Glibc
import Tour

exit(ZCTour.main())
