/** The one Toaster in the app; features show toasts through useToastController(TOASTER_ID). */
export const TOASTER_ID = 'kluis-toaster';
