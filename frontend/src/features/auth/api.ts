import { useMutation } from '@tanstack/react-query';
import { useAuth } from '../../app/auth';

export function useLogin() {
  const { login } = useAuth();
  return useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) => login(email, password),
  });
}

export function useLogout() {
  const { logout } = useAuth();
  return useMutation({ mutationFn: () => logout() });
}
